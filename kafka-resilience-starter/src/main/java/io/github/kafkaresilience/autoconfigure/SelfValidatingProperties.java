package io.github.kafkaresilience.autoconfigure;

import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * A properties class that validates itself when Boot binds it: Boot's
 * {@code ConfigurationPropertiesBinder} uses a bound object that is a {@link Validator}
 * as one, so a bad value fails with Boot's binding-validation analysis, naming the
 * property and where it was set.
 *
 * @author kafka-resilience
 */
abstract class SelfValidatingProperties implements Validator {

	@Override
	public boolean supports(Class<?> type) {
		return getClass() == type;
	}

	@Override
	public void validate(Object target, Errors errors) {
		((SelfValidatingProperties) target).check(errors);
	}

	/**
	 * Reject the fields of this section that cannot work.
	 * @param errors the errors of this section, named after its prefix
	 */
	abstract void check(Errors errors);

}

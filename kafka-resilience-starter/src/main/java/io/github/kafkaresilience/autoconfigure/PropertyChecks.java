package io.github.kafkaresilience.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.validation.Errors;

/**
 * Field checks for properties classes that validate themselves when Boot binds them.
 * <p>
 * A check rejects the field on the object that holds it, with its camelCase name: that is
 * how Boot's {@code ValidationBindHandler} finds the bound property and reports where it
 * was set. The message names the canonical property and the fix, since Boot's failure
 * analysis prints it as the reason.
 *
 * @author kafka-resilience
 */
final class PropertyChecks {

	private PropertyChecks() {
	}

	static void positive(Errors errors, String field, @Nullable Duration value, String example) {
		if (value != null && value.toMillis() < 1) {
			reject(errors, field, "must be a positive duration of at least 1 ms, such as " + example + ", but is "
					+ value + ". Set " + property(errors, field) + " to a positive duration.");
		}
	}

	static void notNegative(Errors errors, String field, @Nullable Duration value, String example) {
		if (value != null && value.isNegative()) {
			reject(errors, field, "must not be negative, but is " + value + ". Set " + property(errors, field)
					+ " to 0s or more, such as " + example + ", or leave it unset.");
		}
	}

	static void atLeast(Errors errors, String field, @Nullable Number value, long minimum, String fix) {
		if (value != null && value.doubleValue() < minimum) {
			reject(errors, field, "must be at least " + minimum + ", but is " + value + ". " + fix);
		}
	}

	static void aboveZero(Errors errors, String field, double value, String example) {
		if (!(value > 0)) {
			reject(errors, field, "must be above zero, but is " + value + ". Set " + property(errors, field)
					+ " to a share such as " + example + ".");
		}
	}

	static void reject(Errors errors, String field, String message) {
		errors.rejectValue(field, "kafka.resilience.invalid", property(errors, field) + " " + message);
	}

	/**
	 * The property's canonical name: the bound object's name is its prefix.
	 * @param errors the errors of the object holding the field
	 * @param field the field's camelCase name
	 * @return the dashed property name
	 */
	static String property(Errors errors, String field) {
		return errors.getObjectName() + "." + DataObjectPropertyName.toDashedForm(field);
	}

}

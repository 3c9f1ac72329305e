package io.github.kafkaresilience.sample;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The sample application on its own embedded broker and a random port, with signals
 * refreshed every second over a 6 s window so that verdicts settle in seconds. Test
 * classes that use it share one application context, and so one broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "kafka.resilience.signals.refresh-interval=1s", "kafka.resilience.signals.window=6s" })
@interface SampleAppTest {

}

package vn.loaxa.base;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A date or instant within {@link #value()} years of today, either way, on the station's clock: far
 * enough for any plan or report, near enough that no later arithmetic on it can overflow. Null passes. For {@link java.time.Instant}, {@link java.time.LocalDate} and
 * {@link java.time.OffsetDateTime}; the API answers {@code 400 DATE_OUT_OF_RANGE}.
 */
@Documented
@Constraint(validatedBy = {WithinYearsValidator.ForInstant.class, WithinYearsValidator.ForLocalDate.class,
        WithinYearsValidator.ForOffsetDateTime.class})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE,
        ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface WithinYears {

    /** Years either way; {@link Limits#READ_YEARS} for dates that only read (air log, reports, evidence). */
    int value() default Limits.YEARS;

    String message() default "{vn.loaxa.base.WithinYears.message}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

package vn.loaxa.base;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@link WithinYears} on the station's clock. Spring creates these validators and injects the clock;
 * a validator factory that cannot (plain Hibernate Validator) gets the system clock.
 */
final class WithinYearsValidator {

    private WithinYearsValidator() {
    }

    static final class ForInstant implements ConstraintValidator<WithinYears, Instant> {
        private final Clock clock;
        private int years = Limits.YEARS;

        @Override
        public void initialize(WithinYears bounds) {
            years = bounds.value();
        }

        @Autowired
        ForInstant(Clock clock) {
            this.clock = clock;
        }

        ForInstant() {
            this(Clock.systemDefaultZone());
        }

        @Override
        public boolean isValid(@Nullable Instant value, ConstraintValidatorContext context) {
            return value == null || Limits.withinYears(value, clock.instant(), clock.getZone(), years, years);
        }
    }

    static final class ForOffsetDateTime implements ConstraintValidator<WithinYears, OffsetDateTime> {
        private final Clock clock;
        private int years = Limits.YEARS;

        @Override
        public void initialize(WithinYears bounds) {
            years = bounds.value();
        }

        @Autowired
        ForOffsetDateTime(Clock clock) {
            this.clock = clock;
        }

        ForOffsetDateTime() {
            this(Clock.systemDefaultZone());
        }

        @Override
        public boolean isValid(@Nullable OffsetDateTime value, ConstraintValidatorContext context) {
            return value == null || Limits.withinYears(value.toInstant(), clock.instant(), clock.getZone(), years, years);
        }
    }

    static final class ForLocalDate implements ConstraintValidator<WithinYears, LocalDate> {
        private final Clock clock;
        private int years = Limits.YEARS;

        @Override
        public void initialize(WithinYears bounds) {
            years = bounds.value();
        }

        @Autowired
        ForLocalDate(Clock clock) {
            this.clock = clock;
        }

        ForLocalDate() {
            this(Clock.systemDefaultZone());
        }

        @Override
        public boolean isValid(@Nullable LocalDate value, ConstraintValidatorContext context) {
            return value == null || Limits.withinYears(value, LocalDate.now(clock), years, years);
        }
    }
}

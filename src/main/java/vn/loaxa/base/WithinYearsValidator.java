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

    /** The bounds and the clock; each kind of date only says how it is compared. */
    private abstract static class OnClock<T> implements ConstraintValidator<WithinYears, T> {
        final Clock clock;
        int years = Limits.YEARS;

        OnClock(Clock clock) {
            this.clock = clock;
        }

        @Override
        public void initialize(WithinYears bounds) {
            years = bounds.value();
        }

        @Override
        public boolean isValid(@Nullable T value, ConstraintValidatorContext context) {
            return value == null || within(value);
        }

        abstract boolean within(T value);
    }

    static final class ForInstant extends OnClock<Instant> {

        @Autowired
        ForInstant(Clock clock) {
            super(clock);
        }

        ForInstant() {
            this(Clock.systemDefaultZone());
        }

        @Override
        boolean within(Instant value) {
            return Limits.withinYears(value, clock.instant(), clock.getZone(), years, years);
        }
    }

    static final class ForOffsetDateTime extends OnClock<OffsetDateTime> {

        @Autowired
        ForOffsetDateTime(Clock clock) {
            super(clock);
        }

        ForOffsetDateTime() {
            this(Clock.systemDefaultZone());
        }

        @Override
        boolean within(OffsetDateTime value) {
            return Limits.withinYears(value.toInstant(), clock.instant(), clock.getZone(), years, years);
        }
    }

    static final class ForLocalDate extends OnClock<LocalDate> {

        @Autowired
        ForLocalDate(Clock clock) {
            super(clock);
        }

        ForLocalDate() {
            this(Clock.systemDefaultZone());
        }

        @Override
        boolean within(LocalDate value) {
            return Limits.withinYears(value, LocalDate.now(clock), years, years);
        }
    }
}

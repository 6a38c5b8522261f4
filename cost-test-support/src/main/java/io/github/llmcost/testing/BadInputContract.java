package io.github.llmcost.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every module's bad-input test asserts (DESIGN.md: bad input fails fast, with a message naming the quantity and
 * its value). A test class implements this interface and supplies three static factories, which these tests read by
 * name:
 *
 * <ul>
 *   <li>{@code rejected()}: cases made with {@link #bad} or {@link #doubles}, each a call that must throw an {@link IllegalArgumentException} whose message contains every fragment given;
 *   <li>{@code accepted()}: {@code Arguments.of(description, call)}, boundary values just inside, which must not throw;
 *   <li>{@code missingRequiredFields()}: cases made with {@link #missing}, each a builder short of one required field,
 *       which must throw an {@link IllegalStateException} naming it.
 * </ul>
 */
public interface BadInputContract {
    /**
     * A call that must be refused.
     *
     * @param description the case's name in the report
     * @param call the call
     * @param fragments what the message must contain, typically {@code "field (value)"}
     * @return the case
     */
    static Arguments bad(String description, ThrowingCallable call, String... fragments) {
        return Arguments.of(description, call, List.of(fragments));
    }

    /**
     * A call refused for each of several values: each case's message must contain {@code "field (value)"}.
     *
     * @param call the call's name, to which the value is appended in the report
     * @param field the name the message must give
     * @param values the values, such as {@link BadValues#notPositive()}
     * @param callable the call with a value
     * @return one case per value
     */
    static Stream<Arguments> doubles(
            String call, String field, double[] values, DoubleFunction<ThrowingCallable> callable) {
        return Arrays.stream(values)
                .mapToObj(v -> bad(call + "(" + v + ")", callable.apply(v), field + " (" + v + ")"));
    }

    /**
     * A builder built without each of its required fields in turn.
     *
     * @param type the built type's name, for the report
     * @param builder a new builder
     * @param required each required field's name and a setter giving it a valid value, in order
     * @param build builds
     * @param <B> the builder's type
     * @return one case per required field: its description, the field, and the call that must fail naming it
     */
    static <B> Stream<Arguments> missing(
            String type, Supplier<B> builder, Map<String, Consumer<B>> required, Consumer<B> build) {
        return required.keySet().stream()
                .map(field -> Arguments.of(type + " without " + field, field, (ThrowingCallable) () -> {
                    B b = builder.get();
                    required.forEach((name, setter) -> {
                        if (!name.equals(field)) {
                            setter.accept(b);
                        }
                    });
                    build.accept(b);
                }));
    }

    /**
     * Each case of {@code rejected()} throws an {@link IllegalArgumentException} naming the field and its value.
     *
     * @param description the case
     * @param call the call
     * @param fragments what the message contains
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    default void rejectsWithMessageNamingFieldAndValue(
            String description, ThrowingCallable call, List<String> fragments) {
        var thrown = assertThatThrownBy(call).as(description).isInstanceOf(IllegalArgumentException.class);
        for (String fragment : fragments) {
            thrown.hasMessageContaining(fragment);
        }
    }

    /**
     * Each case of {@code accepted()} runs without an exception.
     *
     * @param description the case
     * @param call the call
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    default void acceptsBoundaryValues(String description, ThrowingCallable call) {
        assertThatCode(call).as(description).doesNotThrowAnyException();
    }

    /**
     * Each case of {@code missingRequiredFields()} throws an {@link IllegalStateException} naming the missing field.
     *
     * @param description the case
     * @param field the field left out
     * @param call the build
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("missingRequiredFields")
    default void missingRequiredFieldIsIllegalStateNamingIt(String description, String field, ThrowingCallable call) {
        assertThatThrownBy(call)
                .as(description)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(field);
    }
}

package io.github.llmcost.examples;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * The command line's {@code --json} output, written by Jackson: maps (keys in insertion order), lists, strings,
 * numbers, booleans and null. Doubles are written in their shortest form that reads back to the same double (Jackson's
 * Schubfach writer), whole numbers held as {@code long} as integers. JSON has no NaN or infinity: writing one is an
 * {@link IllegalStateException} naming the field's value, a bug in the caller, since every figure is checked finite
 * where it is computed.
 */
final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .addModule(new SimpleModule("finite-doubles")
                    .addSerializer(Double.class, new Finite<>(Double.class))
                    .addSerializer(Float.class, new Finite<>(Float.class)))
            .build();

    private Json() {}

    /**
     * One value as JSON text.
     *
     * @param value maps, lists, strings, numbers, booleans, null
     * @return the JSON text, on one line
     */
    static String write(@Nullable Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A figure that may be absent, as JSON holds it.
     *
     * @param value the figure
     * @return its value, or null (JSON {@code null}) where it is absent
     */
    static @Nullable Double orNull(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }

    /** Doubles and floats (as the doubles they widen to), refusing NaN and infinities. */
    private static final class Finite<T extends Number> extends StdSerializer<T> {
        private static final long serialVersionUID = 1L;

        Finite(Class<T> type) {
            super(type);
        }

        @Override
        public void serialize(T value, JsonGenerator out, SerializerProvider provider) throws IOException {
            double d = value.doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalStateException("JSON cannot hold the number " + d);
            }
            out.writeNumber(d);
        }
    }
}

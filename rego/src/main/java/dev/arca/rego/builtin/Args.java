package dev.arca.rego.builtin;

import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.SetValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Typed access to the operands of a built-in, with OPA's wording when an operand has the wrong type. */
final class Args {
    private Args() {
    }

    static BuiltinException wrongType(int index, Value got, String expected) {
        return BuiltinException.type("operand " + (index + 1) + " must be " + expected + " but got " + got.typeName());
    }

    static String string(List<Value> args, int i) {
        if (args.get(i) instanceof StringValue s) {
            return s.value();
        }
        throw wrongType(i, args.get(i), "string");
    }

    static BigDecimal number(List<Value> args, int i) {
        if (args.get(i) instanceof NumberValue n) {
            return n.value();
        }
        throw wrongType(i, args.get(i), "number");
    }

    static NumberValue numberValue(List<Value> args, int i) {
        if (args.get(i) instanceof NumberValue n) {
            return n;
        }
        throw wrongType(i, args.get(i), "number");
    }

    static int integer(List<Value> args, int i) {
        NumberValue n = numberValue(args, i);
        return n.smallInt().orElseThrow(() -> BuiltinException.type("operand " + (i + 1) + " must be integer number but got floating-point number"));
    }

    static boolean bool(List<Value> args, int i) {
        if (args.get(i) instanceof BoolValue b) {
            return b.value();
        }
        throw wrongType(i, args.get(i), "boolean");
    }

    static List<Value> array(List<Value> args, int i) {
        if (args.get(i) instanceof ArrayValue a) {
            return a.items();
        }
        throw wrongType(i, args.get(i), "array");
    }

    static SetValue set(List<Value> args, int i) {
        if (args.get(i) instanceof SetValue s) {
            return s;
        }
        throw wrongType(i, args.get(i), "set");
    }

    static ObjectValue object(List<Value> args, int i) {
        if (args.get(i) instanceof ObjectValue o) {
            return o;
        }
        throw wrongType(i, args.get(i), "object");
    }

    /** Elements of an array or a set. */
    static List<Value> collection(List<Value> args, int i) {
        return switch (args.get(i)) {
            case ArrayValue a -> a.items();
            case SetValue s -> new ArrayList<>(s.items());
            default -> throw wrongType(i, args.get(i), "one of {array, set}");
        };
    }

    /** Strings of an array or a set of strings. */
    static List<String> strings(List<Value> args, int i) {
        var out = new ArrayList<String>();
        Value v = args.get(i);
        if (v instanceof StringValue s) {
            out.add(s.value());
            return out;
        }
        for (Value e : collection(args, i)) {
            if (!(e instanceof StringValue s)) {
                throw BuiltinException.type("operand " + (i + 1) + " must be array or set of strings but got " + e.typeName() + " element");
            }
            out.add(s.value());
        }
        return out;
    }
}

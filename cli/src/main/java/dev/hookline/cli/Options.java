package dev.hookline.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of one command, read the way {@code send} reads its own: {@code --name value} or
 * {@code --name=value}, flags without a value, {@code -h} for {@code --help}, no positional argument. An option
 * may be given once, unless the command lets it repeat.
 */
final class Options {

    private final String command;
    private final Map<String, List<String>> values;
    private final Set<String> flags;

    private Options(String command, Map<String, List<String>> values, Set<String> flags) {
        this.command = command;
        this.values = values;
        this.flags = flags;
    }

    /**
     * Reads a command's options.
     *
     * @param command the command, such as {@code webhooks create}, for messages
     * @param args what follows the command's words
     * @param valueOptions the options that take a value
     * @param repeatable those of them that may be given more than once
     * @param flagOptions the options that take none ({@code --help} is always one)
     * @return the options
     * @throws UsageException naming what is wrong
     */
    static Options parse(String command, List<String> args, Set<String> valueOptions, Set<String> repeatable,
                         Set<String> flagOptions) throws UsageException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h")) {
                arg = "--help";
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "' for " + command
                        + "; --help lists the options");
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (valueOptions.contains(name)) {
                String value;
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    value = args.get(++i);
                } else {
                    value = "";
                }
                if (value.isEmpty()) {
                    throw new UsageException(name + " needs a value");
                }
                List<String> given = values.computeIfAbsent(name, k -> new ArrayList<>());
                if (!given.isEmpty() && !repeatable.contains(name)) {
                    throw new UsageException(name + " is given more than once");
                }
                given.add(value);
            } else if (flagOptions.contains(name) || name.equals("--help")) {
                if (equals >= 0) {
                    throw new UsageException(name + " takes no value");
                }
                if (!flags.add(name)) {
                    throw new UsageException(name + " is given more than once");
                }
            } else {
                throw new UsageException("unknown option '" + name + "' for " + command + "; --help lists the options");
            }
        }
        return new Options(command, values, flags);
    }

    /** Whether {@code --help} was given. */
    boolean help() {
        return flags.contains("--help");
    }

    /** Whether a flag was given. */
    boolean flag(String name) {
        return flags.contains(name);
    }

    /** The value of an option, or null. */
    String value(String name) {
        List<String> given = values.get(name);
        return given == null ? null : given.get(0);
    }

    /** Every value of a repeatable option, in order. */
    List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** Whether an option was given, with or without a value. */
    boolean has(String name) {
        return values.containsKey(name) || flags.contains(name);
    }

    /** The value of an option that must be given. */
    String required(String name) throws UsageException {
        String value = value(name);
        if (value == null) {
            throw new UsageException(command + " needs " + name);
        }
        return value;
    }

    /** Fails if any of these options was given: they do not apply to what the command does here. */
    void refuse(String why, String... names) throws UsageException {
        for (String name : names) {
            if (has(name)) {
                throw new UsageException(name + " " + why);
            }
        }
    }

    /** A comma-separated list: the parts, stripped, none empty. */
    List<String> list(String name) throws UsageException {
        String value = value(name);
        if (value == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String item = part.strip();
            if (item.isEmpty()) {
                throw new UsageException(name + " takes a comma-separated list with no empty item, was '" + value + "'");
            }
            parts.add(item);
        }
        return parts;
    }

    /** A whole number within bounds, or null when not given. */
    Integer number(String name, int min, int max) throws UsageException {
        String value = value(name);
        if (value == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException(name + " must be a whole number from " + min + " to " + max + ", was '" + value + "'");
    }

    /** {@code true} or {@code false}, or null when not given. */
    Boolean bool(String name) throws UsageException {
        String value = value(name);
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new UsageException(name + " must be true or false, was '" + value + "'");
        };
    }

    /** {@code key=value} pairs of a repeatable option, in order. */
    Map<String, String> pairs(String name) throws UsageException {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : values(name)) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new UsageException(name + " takes key=value, was '" + pair + "'");
            }
            if (pairs.put(pair.substring(0, equals), pair.substring(equals + 1)) != null) {
                throw new UsageException(name + " gives the key '" + pair.substring(0, equals) + "' twice");
            }
        }
        return pairs;
    }

    /** The command these options belong to. */
    String command() {
        return command;
    }
}

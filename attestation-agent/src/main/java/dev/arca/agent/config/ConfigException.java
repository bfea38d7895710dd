package dev.arca.agent.config;

/** The configuration file or an option value is unusable; the message names the key and what is wrong. */
public class ConfigException extends Exception {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

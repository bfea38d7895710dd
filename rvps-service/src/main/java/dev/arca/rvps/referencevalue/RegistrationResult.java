package dev.arca.rvps.referencevalue;

import java.util.List;

/** Answer to a registration: the names stored, in payload order. */
public record RegistrationResult(List<String> registered) {
}

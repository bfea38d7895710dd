package dev.arca.attestation.policy;

/** A policy text with the id it is stored under ({@code default_cpu}, {@code default}, …). */
public record NamedPolicy(String id, String text) {
}

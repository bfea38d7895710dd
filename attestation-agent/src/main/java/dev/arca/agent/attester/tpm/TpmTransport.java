package dev.arca.agent.attester.tpm;

/** Sends one marshalled TPM command and returns the marshalled response. */
@FunctionalInterface
public interface TpmTransport {

    byte[] transmit(byte[] command) throws TpmException;
}

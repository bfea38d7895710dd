package dev.arca.agent.cli;

import dev.arca.agent.kbs.KbsClientListener;
import dev.arca.agent.kbs.KbsStep;
import java.io.PrintStream;

/** --verbose: one stderr line per protocol step. */
final class StepPrinter implements KbsClientListener {

    private final PrintStream err;

    StepPrinter(PrintStream err) {
        this.err = err;
    }

    @Override
    public void authenticated(String nonce) {
        err.println("auth: challenge received, nonce " + nonce);
    }

    @Override
    public void attested(String token, String earStatus) {
        err.println("attest: token received (" + token.length() + " characters), cpu0 ear.status " + earStatus);
    }

    @Override
    public void resourceReceived(int length) {
        err.println("resource: " + length + " bytes received and decrypted");
    }

    @Override
    public void retrying(KbsStep step, int attempt, String reason) {
        err.println(step.label() + ": attempt " + attempt + " failed (" + reason + "), retrying");
    }
}

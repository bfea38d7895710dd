package dev.arca.dcap.verify;

import dev.arca.dcap.collateral.CollateralRequest;
import dev.arca.dcap.pck.PckCertChain;
import dev.arca.dcap.quote.Quote;

/**
 * A quote whose signature, QE report and PCK chain have been verified (not yet its TCB or bindings).
 *
 * @param rootKeyId         the hex SHA-384 of the chain's root key point, the supplemental {@code root_key_id}
 * @param collateralRequest the collateral the quote needs (its TEE, its platform's FMSPC and PCK CA type); the same
 *                          object for every quote of a remembered PCK chain
 */
public record AuthenticatedQuote(Quote quote, PckCertChain pckChain, String rootKeyId,
        CollateralRequest collateralRequest) {
}

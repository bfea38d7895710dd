/**
 * Intel DCAP evidence verification in pure Java: TDX quotes v4/v5 and SGX quotes v3 (Trustee tdx and sgx verifiers).
 */
package dev.arca.dcap;

/**
 * Intel DCAP evidence verification in pure Java: TDX quotes v4/v5 and SGX quotes v3 (specs/as-rvps.md §6.4, §6.5).
 */
package dev.arca.dcap;

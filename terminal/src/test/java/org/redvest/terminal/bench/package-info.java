/**
 * Benchmark mains that print tables for docs/benchmarks.md; {@link
 * org.redvest.terminal.bench.QrBenchmark} measures QR decoding and frame capture.
 */
package org.redvest.terminal.bench;

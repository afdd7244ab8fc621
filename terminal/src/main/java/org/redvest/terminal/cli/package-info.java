/**
 * What every {@code redvest-terminal} command shares on the command line (picocli): {@link
 * org.redvest.terminal.cli.Flags}, a command's options as one table (name, what it does, its
 * default, its {@code REDVEST_*} variable) and the values given, flag over environment over
 * default; {@link org.redvest.terminal.cli.Commands}, how commands are read, how their errors are
 * said, and the version. A new command is a picocli {@code @Command} with a table of flags; see
 * {@code RotateKeyCommand} for a small one.
 */
package org.redvest.terminal.cli;

/**
 * What every {@code redvest-terminal} command shares on the command line (picocli): {@link
 * org.redvest.terminal.cli.Flags}, a command's options as one table (name, what it does, its
 * default, its {@code REDVEST_*} variable) and the values given, flag over environment over
 * default; {@link org.redvest.terminal.cli.Commands}, how commands are read, how their errors are
 * said, and the version; {@link org.redvest.terminal.cli.TableCommand}, the base of a command
 * with a table of options. A new command is a picocli {@code @Command} extending it, added in
 * {@code Main.commandLine}; {@code RotateKeyCommand} is the smallest.
 */
package org.redvest.terminal.cli;

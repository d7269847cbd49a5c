/** Pieces shared by Assent's command-line tools. */
package dev.assent.server.cli;

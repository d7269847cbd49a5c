/** SID value type and the resource-type prefixes. */
package dev.assent.server.sid;

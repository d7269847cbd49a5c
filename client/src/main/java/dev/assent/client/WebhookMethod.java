package dev.assent.client;

/** The HTTP method a webhook is delivered with ({@code webhook_method}, read-only). */
public enum WebhookMethod {
    GET, POST
}

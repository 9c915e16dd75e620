package dev.hookline.bench.spring;

import java.util.List;

/**
 * The data of an {@code invoice.paid} event, as Hookline's listener receives it bound.
 *
 * @param id the invoice's id
 * @param object always {@code invoice}
 * @param customer the customer's id
 * @param status the invoice's status
 * @param currency ISO 4217, lower case
 * @param amountDue in minor units
 * @param amountPaid in minor units
 * @param lines what was invoiced
 * @param memo free text
 */
public record InvoicePaid(String id, String object, String customer, String status, String currency, long amountDue,
                          long amountPaid, List<Line> lines, String memo) {

    /**
     * One invoiced item.
     *
     * @param description what it is
     * @param quantity how many
     * @param amount in minor units
     */
    public record Line(String description, int quantity, long amount) {
    }
}

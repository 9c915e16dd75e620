package dev.hookline.exa;

/**
 * An item that is a company ({@code properties.type: "company"}).
 *
 * @param type {@code company}
 * @param url the company's website
 * @param description a short description
 * @param content text of the page Exa found it on
 * @param company the details
 */
public record CompanyProperties(String type, String url, String description, String content, Company company)
        implements WebsetItemProperties {

    /**
     * A company's details.
     *
     * @param name the company name
     * @param location where it is based
     * @param employees the approximate headcount
     * @param industry its industry
     * @param about a longer description
     * @param logoUrl its logo
     */
    public record Company(String name, String location, Integer employees, String industry, String about,
                          String logoUrl) {
    }
}

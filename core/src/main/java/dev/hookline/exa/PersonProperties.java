package dev.hookline.exa;

/**
 * An item that is a person ({@code properties.type: "person"}). Unlike the other variants it has no
 * {@code content}.
 *
 * @param type {@code person}
 * @param url the person's profile address
 * @param description a short description
 * @param person the details
 */
public record PersonProperties(String type, String url, String description, Person person)
        implements WebsetItemProperties {

    /**
     * A person's details.
     *
     * @param name the full name
     * @param location where the person is based
     * @param position the current job title
     * @param company the current employer
     * @param pictureUrl a profile picture
     */
    public record Person(String name, String location, String position, Employer company, String pictureUrl) {
    }

    /**
     * A person's current employer.
     *
     * @param name the company name
     * @param location where it is based
     */
    public record Employer(String name, String location) {
    }
}

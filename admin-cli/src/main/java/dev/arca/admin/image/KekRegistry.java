package dev.arca.admin.image;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.model.resource.ResourcePath;

/** Where key-encryption keys are stored for the guests: the KBS, through its admin API. */
public interface KekRegistry {

    /** Whether the KBS holds a resource at {@code path} already. */
    boolean exists(ResourcePath path) throws AdminCallException;

    /** Stores {@code kek} at {@code path} (replacing what is there). */
    void store(ResourcePath path, byte[] kek) throws AdminCallException;
}

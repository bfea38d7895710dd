package dev.arca.rvps.referencevalue;

import dev.arca.rvps.RvpsIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The store on the service's own H2 file database (PostgreSQL mode), as configured by application.yaml. */
class ReferenceValueStoreH2Test extends RvpsIntegrationTest implements ReferenceValueStoreContract {

    @Autowired
    private ReferenceValueStore store;

    @Override
    public ReferenceValueStore store() {
        return store;
    }
}

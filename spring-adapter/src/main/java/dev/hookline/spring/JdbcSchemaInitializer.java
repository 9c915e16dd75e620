package dev.hookline.spring;

import dev.hookline.jdbc.JdbcSchema;
import dev.hookline.jdbc.SchemaMigration;
import java.util.List;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Creates or upgrades Hookline's tables when the application starts, as {@code hookline.jdbc.initialize-schema}
 * says: always or never. The stores that use the tables are created after it.
 */
final class JdbcSchemaInitializer implements InitializingBean {

    private static final Log LOG = LogFactory.getLog(JdbcSchemaInitializer.class);

    private final DataSource dataSource;
    private final JdbcSchema schema;
    private final HooklineJdbcProperties.InitializeSchema mode;

    JdbcSchemaInitializer(DataSource dataSource, JdbcSchema schema, HooklineJdbcProperties.InitializeSchema mode) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.mode = mode;
    }

    @Override
    public void afterPropertiesSet() {
        if (mode == HooklineJdbcProperties.InitializeSchema.NEVER) {
            return;
        }
        List<SchemaMigration> applied = schema.apply(dataSource);
        if (!applied.isEmpty()) {
            LOG.info("Hookline's " + schema.prefix() + " tables brought up to version "
                    + applied.get(applied.size() - 1).version());
        }
    }
}

#pragma once

#include "core/result.h"
#include "settings/agentconfig.h"

namespace forgelink::test {

// The databases the store tests run on: SQLite files, and fresh databases on the PostgreSQL that
// scripts/with-postgres.sh starts (FORGELINK_TEST_POSTGRES=HOST:PORT).
class TestDatabases {
public:
    // initTestCase_data(): run every test once on SQLite and once on PostgreSQL ("backend").
    static void addBackendRows();
    static bool postgresAvailable();
    static QString postgresMissing();
    static DatabaseSettings sqlite(const QString &path);
    // The database `name` on the test server; `recreate` drops and creates it first.
    static Result<DatabaseSettings> postgres(const QString &name, bool recreate = true);
};

} // namespace forgelink::test

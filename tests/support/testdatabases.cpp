#include "testdatabases.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace forgelink::test {

void TestDatabases::addBackendRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

bool TestDatabases::postgresAvailable()
{
    return qEnvironmentVariableIsSet("FORGELINK_TEST_POSTGRES");
}

QString TestDatabases::postgresMissing()
{
    return QStringLiteral("no PostgreSQL for this run: scripts/test.sh starts one (or set FORGELINK_TEST_POSTGRES=HOST:PORT)");
}

DatabaseSettings TestDatabases::sqlite(const QString &path)
{
    DatabaseSettings settings;
    settings.driver = QStringLiteral("QSQLITE");
    settings.sqlitePath = path;
    return settings;
}

Result<DatabaseSettings> TestDatabases::postgres(const QString &name, bool recreate)
{
    const QString address = qEnvironmentVariable("FORGELINK_TEST_POSTGRES");
    DatabaseSettings settings;
    settings.driver = QStringLiteral("QPSQL");
    settings.host = address.section(QLatin1Char(':'), 0, 0);
    settings.port = address.section(QLatin1Char(':'), 1).toInt();
    settings.user = QStringLiteral("forgelink");
    settings.name = name.toLower();
    if (!recreate)
        return settings;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("forgelink-test-admin"));
        admin.setHostName(settings.host);
        admin.setPort(settings.port);
        admin.setUserName(settings.user);
        admin.setDatabaseName(QStringLiteral("postgres"));
        if (!admin.open())
            return fail(QStringLiteral("cannot reach PostgreSQL at %1: %2").arg(address, admin.lastError().text()));
        QSqlQuery query(admin);
        if (!query.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(settings.name))
            || !query.exec(QStringLiteral("CREATE DATABASE %1").arg(settings.name)))
            return fail(QStringLiteral("cannot create database %1: %2").arg(settings.name, query.lastError().text()));
        admin.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("forgelink-test-admin"));
    return settings;
}

} // namespace forgelink::test

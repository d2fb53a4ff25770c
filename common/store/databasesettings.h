#pragma once

#include <QByteArray>
#include <QString>

namespace forgelink {

// Where the agent's database is: a SQLite file, or a PostgreSQL server that several replicas share.
struct DatabaseSettings {
    QString driver;       // QSQLITE or QPSQL
    QString sqlitePath;   // absolute
    QString host;
    int port = 5432;
    QString user;
    QString name;
    QByteArray password;
    QString options;      // QPSQL connect options, e.g. sslmode=require

    // The URL without any password, for logs.
    QString displayName() const;
};

} // namespace forgelink

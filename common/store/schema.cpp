#include "store/schema.h"

#include <QDir>
#include <QFile>

namespace forgelink {

namespace {

// The statements of one migration file: `--` comment lines dropped, split at a `;` that ends a line.
QStringList statements(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("forgelink: migration %s is not built in", qPrintable(path));
    QStringList list;
    QString current;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n')) {
        if (line.trimmed().startsWith(QLatin1String("--")))
            continue;
        current += (current.isEmpty() ? QString() : QStringLiteral("\n")) + line;
        if (line.trimmed().endsWith(u';')) {
            list << current.trimmed().chopped(1);
            current.clear();
        }
    }
    return list;
}

QStringList migrationFiles(const QString &dialect)
{
    QDir folder(QStringLiteral(":/forgelink/migrations/") + dialect);
    QStringList files;
    for (const QString &name : folder.entryList({ QStringLiteral("*.sql") }, QDir::Files, QDir::Name))
        files << folder.filePath(name);
    return files;
}

} // namespace

QList<Migration> Schema::migrations()
{
    const QStringList sqlite = migrationFiles(QStringLiteral("sqlite"));
    const QStringList postgres = migrationFiles(QStringLiteral("postgresql"));
    if (sqlite.size() != postgres.size())
        qFatal("forgelink: %lld SQLite migrations but %lld PostgreSQL ones", qlonglong(sqlite.size()), qlonglong(postgres.size()));
    QList<Migration> all;
    for (qsizetype i = 0; i < sqlite.size(); ++i)
        all << Migration{ statements(sqlite.at(i)), statements(postgres.at(i)) };
    return all;
}

} // namespace forgelink

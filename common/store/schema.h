#pragma once

#include <QList>
#include <QStringList>

namespace forgelink {

// Each migration is a list of statements, applied once, in order; the database records how many
// it has. They are frozen as numbered files (store/migrations/sqlite and postgresql, built into
// the library), so that no edit of a table's class can rewrite what databases have already run.
// Dialect differences are the few types that differ; everything else is plain SQL both accept.
struct Migration {
    QStringList sqlite;
    QStringList postgres;
};

class Schema {
public:
    // In order; a change is a new file at the end of both folders, never an edit of one that shipped.
    static QList<Migration> migrations();
};

} // namespace forgelink

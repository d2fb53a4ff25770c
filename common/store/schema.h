#pragma once

#include <QList>
#include <QStringList>

namespace forgelink {

// Each migration is a list of statements, applied once, in order; the database records how many
// it has. The tables belong to the classes that use them, which give their statements here.
// Dialect differences are the few types that differ; everything else is plain SQL both accept.
struct Migration {
    QStringList sqlite;
    QStringList postgres;
};

class Schema {
public:
    // In order; a new table is a new migration at the end, never an edit of one that shipped.
    static QList<Migration> migrations();
};

} // namespace forgelink

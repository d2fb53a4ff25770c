#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace forgelink {

// A plain table for the terminal: a header line and aligned columns, two spaces apart; the last
// column is not padded.
class TextTable {
public:
    explicit TextTable(QStringList headers) : m_headers(std::move(headers)) { }

    // Control characters come out as escapes; a longer cell is cut at kMostCellWidth with "…".
    void addRow(const QStringList &cells);
    bool isEmpty() const { return m_rows.isEmpty(); }
    void print(QTextStream &out) const;

    static constexpr qsizetype kMostCellWidth = 100;

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
};

} // namespace forgelink

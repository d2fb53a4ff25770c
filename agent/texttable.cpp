#include "texttable.h"

#include "log/logformat.h"

namespace forgelink {

void TextTable::addRow(const QStringList &cells)
{
    // A cell may hold what a request or a target sent: no control character reaches the
    // terminal, and no cell takes the whole screen.
    QStringList row;
    row.reserve(cells.size());
    for (const QString &cell : cells) {
        QString text = LogFormat::printable(cell);
        if (text.size() > kMostCellWidth)
            text = text.left(kMostCellWidth - 1) + QChar(0x2026);
        row << text;
    }
    m_rows << row;
}

void TextTable::print(QTextStream &out) const
{
    QList<qsizetype> widths;
    for (const QString &header : m_headers)
        widths << header.size();
    for (const QStringList &row : m_rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row.at(i).size());
    }
    auto line = [&](const QStringList &cells) {
        QString text;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            const bool last = i + 1 == cells.size();
            text += last ? cells.at(i) : cells.at(i).leftJustified(widths.value(i)) + QStringLiteral("  ");
        }
        out << text << '\n';
    };
    line(m_headers);
    for (const QStringList &row : m_rows)
        line(row);
}

} // namespace forgelink

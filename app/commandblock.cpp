#include "commandblock.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QTextDocument>
#include <QTimer>

namespace forgelink {

CommandBlock::CommandBlock(QWidget *parent) : QWidget(parent), m_text(new QPlainTextEdit(this))
{
    m_text->setReadOnly(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_text->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_text->setTabChangesFocus(true);
    auto *copy = new QPushButton(tr("Copy"), this);
    copy->setObjectName(QStringLiteral("copyCommands"));
    copy->setAccessibleName(tr("Copy the commands"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 1, Qt::AlignTop);
    layout->addWidget(copy, 0, Qt::AlignTop);
    setFocusProxy(m_text);
    connect(copy, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(commands()); });
}

void CommandBlock::setCommands(const QString &commands)
{
    m_text->setPlainText(commands);
    m_text->setAccessibleDescription(commands);
    fitHeight();
    // The text's own layout settles after the widget's: fit again then (the test catches a
    // wrapped last line left out without this).
    QTimer::singleShot(0, this, &CommandBlock::fitHeight);
}

QString CommandBlock::commands() const
{
    return m_text->toPlainText();
}

void CommandBlock::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitHeight();
}

// As tall as the wrapped lines, so every command shows without scrolling.
void CommandBlock::fitHeight()
{
    // A hidden block (another tab) has no width to wrap in yet: count its lines unwrapped until
    // it is shown and resized.
    const bool laidOut = m_text->isVisible() && m_text->viewport()->width() > 50;
    int lines = 0;
    for (QTextBlock block = m_text->document()->begin(); block.isValid(); block = block.next())
        lines += laidOut && block.layout() ? std::max(1, block.layout()->lineCount()) : 1;
    const int height = lines * m_text->fontMetrics().lineSpacing() + 2 * int(m_text->document()->documentMargin())
            + 2 * m_text->frameWidth() + 4;
    m_text->setFixedHeight(std::max(height, m_text->fontMetrics().lineSpacing() + 12));
}

} // namespace forgelink

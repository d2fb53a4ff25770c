#include "checkedlineedit.h"

#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace forgelink {

CheckedLineEdit::CheckedLineEdit(const QString &objectName, Check check, QWidget *parent)
    : QWidget(parent), m_edit(new QLineEdit(this)), m_message(new QLabel(this)), m_check(std::move(check))
{
    setObjectName(objectName);
    m_edit->setObjectName(objectName + QStringLiteral(".edit"));
    m_message->setObjectName(objectName + QStringLiteral(".problem"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
    // The lines under the field are always there, empty while the value is fine, so a message
    // that appears as one types (most take one line, some two) does not push the fields below
    // away from the pointer.
    m_message->setMinimumHeight(2 * m_message->fontMetrics().lineSpacing());
    m_message->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setFocusProxy(m_edit);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit);
    layout->addWidget(m_message);
    connect(m_edit, &QLineEdit::textChanged, this, [this](const QString &text) {
        recheck();
        Q_EMIT textChanged(text);
    });
    recheck();
}

QString CheckedLineEdit::text() const
{
    return m_edit->text().trimmed();
}

void CheckedLineEdit::setText(const QString &text)
{
    m_edit->setText(text);
}

void CheckedLineEdit::setSecret(bool secret)
{
    m_edit->setEchoMode(secret ? QLineEdit::Password : QLineEdit::Normal);
}

void CheckedLineEdit::setPlaceholderText(const QString &text)
{
    m_edit->setPlaceholderText(text);
}

void CheckedLineEdit::recheck()
{
    m_problem = m_check ? m_check(text()) : std::nullopt;
    // An empty required field is not an error to shout about before anything was typed.
    const bool show = m_problem.has_value() && !m_edit->text().isEmpty();
    m_message->setText(show ? *m_problem : QString());
    m_edit->setAccessibleDescription(m_problem.value_or(QString()));
}

} // namespace forgelink

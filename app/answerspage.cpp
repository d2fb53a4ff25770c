#include "answerspage.h"

#include "checkedlineedit.h"

#include <QBoxLayout>
#include <QFormLayout>
#include <QLabel>
#include <QRegularExpression>

namespace forgelink {

AnswersPage::AnswersPage(QWidget *parent) : QWizardPage(parent)
{
    connect(this, &QWizardPage::completeChanged, this, &AnswersPage::showWhyIncomplete);
}

QString AnswersPage::whyIncomplete() const
{
    if (isComplete())
        return {};
    // Fields in the form's order: the first that is not fine is what the admin fills in next.
    for (const CheckedLineEdit *edit : findChildren<CheckedLineEdit *>()) {
        if (edit->isValid() || !edit->isEnabled())
            continue;
        QString name = edit->objectName();
        for (const QLabel *label : findChildren<QLabel *>()) {
            if (label->buddy() == edit)
                name = label->text().remove(QLatin1Char('&')).remove(QRegularExpression(QStringLiteral(":\\s*$")));
        }
        return tr("Next waits for %1: %2").arg(name, edit->problem());
    }
    return tr("Next waits for this page to be complete.");
}

void AnswersPage::showEvent(QShowEvent *event)
{
    QWizardPage::showEvent(event);
    showWhyIncomplete();
}

void AnswersPage::showWhyIncomplete()
{
    if (!m_waiting) {
        auto *box = qobject_cast<QBoxLayout *>(layout());
        auto *form = qobject_cast<QFormLayout *>(layout());
        if (!box && !form)
            return;
        m_waiting = new QLabel(this);
        m_waiting->setObjectName(QStringLiteral("whyIncomplete"));
        m_waiting->setWordWrap(true);
        m_waiting->setStyleSheet(QStringLiteral("color: #555555;"));
        if (box)
            box->addWidget(m_waiting);
        else
            form->addRow(m_waiting);
    }
    const QString why = whyIncomplete();
    m_waiting->setText(why);
    m_waiting->setVisible(!why.isEmpty());
}

void AnswersPage::showSecretsNotKept(const QString &reason)
{
    if (!asksForSecrets())
        return;
    if (!m_secretsNote) {
        m_secretsNote = new QLabel(this);
        m_secretsNote->setObjectName(QStringLiteral("secretsNotKept"));
        m_secretsNote->setWordWrap(true);
        m_secretsNote->setStyleSheet(QStringLiteral("background: #fff4e5; color: #663c00; padding: 6px;"));
        if (auto *box = qobject_cast<QBoxLayout *>(layout()))
            box->insertWidget(0, m_secretsNote);
    }
    m_secretsNote->setText(tr("The secrets on this page were not kept from your last session, because no keychain "
                              "was available (%1). Enter them again.")
                                   .arg(reason));
    m_secretsNote->show();
}

} // namespace forgelink

#include "answerspage.h"

#include <QBoxLayout>
#include <QLabel>

namespace forgelink {

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

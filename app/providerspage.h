#pragma once

#include "answerspage.h"
#include "core/provider.h"

#include <QMap>

#include <functional>

class QCheckBox;

namespace forgelink {

class CheckedLineEdit;

// Which providers to connect, and the network settings on-prem providers may need.
class ProvidersPage : public AnswersPage {
    Q_OBJECT

public:
    explicit ProvidersPage(QWidget *parent = nullptr);

    QString whyIncomplete() const override;
    bool isComplete() const override;
    void readAnswers(const Answers &answers) override;
    void writeAnswers(Answers &answers) const override;
    bool isSelected(Provider provider) const;

private:
    QMap<Provider, QCheckBox *> m_boxes;
    CheckedLineEdit *m_caBundle;
    CheckedLineEdit *m_proxy;
};

} // namespace forgelink

#pragma once

#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QLineEdit;

namespace forgelink {

// A line edit whose value is judged as it is typed, by a check from common (AnswersValidator);
// the problem is shown right under it, in a line kept for it.
class CheckedLineEdit : public QWidget {
    Q_OBJECT
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged USER true)

public:
    using Check = std::function<std::optional<QString>(const QString &)>;

    CheckedLineEdit(const QString &objectName, Check check, QWidget *parent = nullptr);

    QString text() const;
    void setText(const QString &text);
    void setSecret(bool secret);
    void setPlaceholderText(const QString &text);
    bool isValid() const { return !m_problem.has_value(); }
    QString problem() const { return m_problem.value_or(QString()); }
    QLineEdit *lineEdit() const { return m_edit; }
    // Judges the value again, for checks that depend on more than the text.
    void recheck();

Q_SIGNALS:
    void textChanged(const QString &text);

private:

    QLineEdit *m_edit;
    QLabel *m_message;
    Check m_check;
    std::optional<QString> m_problem;
};

} // namespace forgelink

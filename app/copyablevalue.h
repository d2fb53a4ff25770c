#pragma once

#include <QWidget>

class QLineEdit;

namespace forgelink {

// A value the admin must enter elsewhere (on GitHub), with a button that copies it.
class CopyableValue : public QWidget {
    Q_OBJECT

public:
    explicit CopyableValue(QWidget *parent = nullptr);
    void setValue(const QString &value);
    QString value() const;

private:
    QLineEdit *m_value;
};

} // namespace forgelink

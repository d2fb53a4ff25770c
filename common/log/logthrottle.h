#pragma once

#include <QElapsedTimer>
#include <QtGlobal>

#include <optional>
#include <utility>

namespace forgelink {

// Lets one line through per interval, and counts the ones it held back: a flood (refused
// connections, unsigned requests) writes a line now and then that says how many it stands for,
// while the metrics count every one.
class LogThrottle {
public:
    explicit LogThrottle(qint64 intervalMs = 10'000) : m_intervalMs(intervalMs) { }

    // Nothing while the interval runs; else how many lines were held back before this one.
    std::optional<qint64> admit()
    {
        if (m_last.isValid() && m_last.elapsed() < m_intervalMs) {
            ++m_heldBack;
            return std::nullopt;
        }
        m_last.start();
        return std::exchange(m_heldBack, 0);
    }

private:
    qint64 m_intervalMs;
    QElapsedTimer m_last;
    qint64 m_heldBack = 0;
};

} // namespace forgelink

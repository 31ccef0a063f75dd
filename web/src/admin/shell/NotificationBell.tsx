// The notification bell (built out in its own change).
export function NotificationBell() {
  return null;
}

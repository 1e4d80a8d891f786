/**
 * Who is staff: moderators and administrators, the roles that moderate (hide, ban, review claims)
 * and see what moderation took away. A banned account is nobody's staff.
 */

/** Whether an account (if any) is a moderator or an administrator in good standing. */
export function isStaff<T extends { role: string; banned?: boolean }>(user: T | undefined): user is T {
  return user !== undefined && user.banned !== true && (user.role === 'moderator' || user.role === 'admin');
}

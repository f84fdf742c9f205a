/** A login form's username and password. The username is controlled, so that a step can fill it in. */
export function CredentialFields({
  username,
  onUsername,
  describedBy,
}: {
  username: string;
  onUsername: (username: string) => void;
  describedBy?: string;
}) {
  return (
    <>
      <label>
        Username
        <input
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(event) => onUsername(event.target.value)}
          aria-describedby={describedBy}
        />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required aria-describedby={describedBy} />
      </label>
    </>
  );
}

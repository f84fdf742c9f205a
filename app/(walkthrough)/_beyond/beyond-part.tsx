import { Reason } from '../_shared/reason';
import { RouteSend } from '../_shared/request-send';
import { Part, Step } from '../_shared/step';

/** Beyond the tutorial: two forged tokens that the video does not try, both made from yours. */
export function BeyondPart() {
  return (
    <Part
      id="beyond"
      title="Beyond the tutorial"
      intro={<p>Two forged tokens the video does not try. Both start from yours.</p>}
    >
      <Step id="tampered" number={1} title="A tampered token">
        <p>
          Your payload, changed to claim another user (<code>admin</code>, or <code>root</code> if you are admin),
          under the old signature. The signature no longer fits: 401, reason <Reason name="bad_signature" />. Its
          header and signature are yours, so it starts and ends as yours does: shortened in the exchange, it also
          shows, between its ends, the stretch where it first differs.
        </p>
        <RouteSend step="tampered" action="tampered" />
      </Step>

      <Step id="alg-none" number={2} title="alg: none">
        <p>
          Your payload under a header saying <code>{'"alg": "none"'}</code>, with no signature at all. Only HS256 is
          allowed: 401, reason <Reason name="unsupported_algorithm" />.
        </p>
        <RouteSend step="alg-none" action="alg-none" />
      </Step>
    </Part>
  );
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  logging: {
    // `next dev` logs every request URL; one carrying ?token= would put the token in the terminal.
    incomingRequests: { ignore: [/[?&]token=/] },
  },
};

export default nextConfig;

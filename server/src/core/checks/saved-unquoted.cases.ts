import { file, type CheckCases } from '../../test-support/cases';

// What iptables-save prints, read back after a real load (iptables 1.8.9, both back ends).
export const cases: CheckCases = {
  valid: [
    { name: 'a RATEEST name without blanks', text: file('*filter', '-A INPUT -j RATEEST --rateest-name in-rate --rateest-interval 250ms --rateest-ewmalog 1s', 'COMMIT') },
    { name: 'an empty TEE --oif is not printed at all', text: file('*mangle', '-A PREROUTING -j TEE --gateway 10.0.0.1 --oif ""', 'COMMIT') },
    { name: 'a blank the kernel cuts away is not printed', text: file('*mangle', '-A PREROUTING -j TEE --gateway 10.0.0.1 --oif "aaaaaaaaaaaaaaa b"', 'COMMIT') },
  ],
  invalid: [
    { name: 'an empty RATEEST name is printed as nothing', text: file('*filter', '-A INPUT -j RATEEST --rateest-interval 250ms --rateest-ewmalog 1s --rateest-name ""', 'COMMIT'), diagnostics: [{ line: 2, message: /^--rateest-name "" loads as an empty name, but iptables-save prints "--rateest-name " with nothing after it/ }] },
    { name: 'a RATEEST name with a blank', text: file('*filter', '-A INPUT -j RATEEST --rateest-name "in rate" --rateest-interval 250ms --rateest-ewmalog 1s', 'COMMIT'), diagnostics: [{ line: 2, message: /^--rateest-name "in rate" loads as written, but iptables-save prints it without quotes, "--rateest-name in rate"/ }] },
    { name: 'an IDLETIMER label with a blank', text: file('*mangle', '-A PREROUTING -j IDLETIMER --timeout 10 --label "a b"', 'COMMIT'), diagnostics: [{ line: 2, message: /"--label a b"/ }] },
    { name: 'a TEE --oif with a blank', text: file('*mangle', '-A PREROUTING -j TEE --gateway 10.0.0.1 --oif "a b"', 'COMMIT'), diagnostics: [{ line: 2, message: /"--oif a b"/ }] },
  ],
};

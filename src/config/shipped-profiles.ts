// Profiles shipped inside the program, as YAML text.
import defaultProfile from '../../profiles/default.yaml?raw';
import demoProfile from '../../profiles/demo.yaml?raw';

/** Shipped profile name -> YAML text. */
export const shippedProfiles: Record<string, string> = {
  default: defaultProfile,
  demo: demoProfile,
};

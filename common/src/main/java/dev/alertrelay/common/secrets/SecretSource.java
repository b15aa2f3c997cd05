package dev.alertrelay.common.secrets;

import dev.alertrelay.common.http.Deadline;

/**
 * Where an indirect secret is read from. Each source is created on first use, so a plain-text configuration never
 * loads AWS client code.
 */
interface SecretSource {

    /**
     * @param variable the environment variable the reference came from, for error messages
     * @param reference its value: a ciphertext or a parameter name, never logged
     * @param deadline  the call must end before it
     */
    String read(String variable, String reference, Deadline deadline);
}

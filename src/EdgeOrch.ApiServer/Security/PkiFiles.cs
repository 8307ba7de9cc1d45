using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeOrch.ApiServer.Security;

/// <summary>The PEM files of <see cref="ClusterPki"/>: certificates 0644, keys 0600 (PKCS#8).</summary>
internal sealed class PkiFiles(string directory)
{
    private string CaCertPath => Path.Combine(directory, ClusterPki.CaCertFileName);

    private string CaKeyPath => Path.Combine(directory, ClusterPki.CaKeyFileName);

    private string ServingCertPath => Path.Combine(directory, ClusterPki.ServingCertFileName);

    private string ServingKeyPath => Path.Combine(directory, ClusterPki.ServingKeyFileName);

    internal bool CaExists
    {
        get
        {
            bool cert = File.Exists(CaCertPath);
            bool key = File.Exists(CaKeyPath);
            if (cert != key)
            {
                // Quietly making a new CA would silently break every kubeconfig and joined agent; make the operator decide.
                throw new InvalidOperationException(
                    $"Half of the cluster CA is missing in '{directory}' ({(cert ? CaKeyPath : CaCertPath)} not found). "
                    + "Restore it from a backup, or delete the whole directory to create a new CA "
                    + "(existing kubeconfigs and agents will then need the new ca.crt).");
            }

            return cert;
        }
    }

    internal bool ServingExists => File.Exists(ServingCertPath) && File.Exists(ServingKeyPath);

    internal (X509Certificate2 Cert, ECDsa Key) LoadCa() => Load(CaCertPath, CaKeyPath);

    internal (X509Certificate2 Cert, ECDsa Key) LoadServing() => Load(ServingCertPath, ServingKeyPath);

    internal void SaveCa(X509Certificate2 cert, ECDsa key) => Save(cert, key, CaCertPath, CaKeyPath);

    internal void SaveServing(X509Certificate2 cert, ECDsa key) => Save(cert, key, ServingCertPath, ServingKeyPath);

    private static (X509Certificate2 Cert, ECDsa Key) Load(string certPath, string keyPath)
    {
        X509Certificate2 cert;
        try
        {
            cert = X509Certificate2.CreateFromPem(File.ReadAllText(certPath));
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"'{certPath}' is not a valid PEM certificate: {e.Message}", e);
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(keyPath));
            return (cert, key);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key.Dispose();
            cert.Dispose();
            throw new InvalidOperationException($"'{keyPath}' is not a valid ECDSA private key in PEM: {e.Message}", e);
        }
    }

    private static void Save(X509Certificate2 cert, ECDsa key, string certPath, string keyPath)
    {
        // A crash between the two writes leaves a key and a certificate that do not belong together; the next start
        // notices (key match for the serving pair) rather than serving with a broken pair.
        SecureFile.WriteAllTextAtomic(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n", SecureFile.OwnerReadWrite);
        SecureFile.WriteAllTextAtomic(certPath, cert.ExportCertificatePem() + "\n", SecureFile.WorldReadable);
    }
}
